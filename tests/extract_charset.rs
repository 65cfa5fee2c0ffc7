//! A windows-1252 page, declared or not, read from a real file by the real binary
//! (`listen text --json`), comes out as the right characters.

use std::process::Command;

fn windows_1252_page(declare: bool) -> Vec<u8> {
    let head = if declare {
        "<meta charset=\"windows-1252\">"
    } else {
        ""
    };
    let mut page = format!(
        "<html><head>{head}<title>Le caf\u{e9} de la gare</title></head><body><article>\
         <h1>Le caf\u{e9} de la gare</h1>"
    )
    .into_bytes();
    // Body text in windows-1252: é = E9, è = E8, à = E0, ’ = 92, € = 80, « » = AB BB.
    page.extend_from_slice(
        b"<p>Le caf\xe9 de la gare \xe9tait ferm\xe9 depuis l\x92hiver, \xe0 cause de la gr\xe8ve \
          des employ\xe9s et des travaux sur le quai.</p>\
          <p>\xabNous rouvrons lundi\xbb, a annonc\xe9 le g\xe9rant, qui promet un caf\xe9 \xe0 \
          1\x80 pendant toute la premi\xe8re semaine.</p></article></body></html>",
    );
    page
}

fn body_of(json: &str) -> String {
    let line = json.lines().next().unwrap_or("");
    let v: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {line}"),
    };
    v["blocks"]
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|b| b["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

#[test]
fn windows_1252_page_comes_out_right() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temporary folder: {e}"),
    };
    for declare in [true, false] {
        let path = dir.path().join(format!("cafe-{declare}.html"));
        if let Err(e) = std::fs::write(&path, windows_1252_page(declare)) {
            panic!("{}: {e}", path.display());
        }
        let out = match Command::new(env!("CARGO_BIN_EXE_listen"))
            .args(["text", "--json"])
            .arg(&path)
            .output()
        {
            Ok(o) => o,
            Err(e) => panic!("running listen: {e}"),
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let body = body_of(&String::from_utf8_lossy(&out.stdout));
        for expected in [
            "Le café de la gare était fermé depuis l’hiver, à cause de la grève des employés",
            "«Nous rouvrons lundi», a annoncé le gérant, qui promet un café à 1€",
        ] {
            assert!(
                body.contains(expected),
                "declared: {declare}: {expected:?} not in:\n{body}"
            );
        }
        assert!(!body.contains('\u{fffd}'), "{body}");
    }
}
