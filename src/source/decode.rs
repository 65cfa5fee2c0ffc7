//! Bytes -> text: BOM, then the declared charset (HTTP header, `<meta charset>`,
//! `<meta http-equiv="Content-Type">`, the XML declaration), then chardetng's guess (which is
//! what makes an undeclared windows-1252 page come out right). Invalid sequences become U+FFFD,
//! never a panic.

use encoding_rs::Encoding;

/// Decodes `bytes`. `declared` is the charset from a `Content-Type` header, if any. `html`
/// enables the look-up of `<meta>` declarations in the first 4 KB.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    let encoding = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None })
        .or_else(|| xml_encoding(bytes))
        .map(|e| {
            // A page declared as UTF-16 without a BOM is nearly always really ASCII-compatible.
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                e
            }
        })
        .unwrap_or_else(|| guess(bytes));
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// Finds `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + 5..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if let Some(cs) = tag.find("charset") {
            let value = tag[cs + 7..]
                .trim_start()
                .trim_start_matches('=')
                .trim_start()
                .trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            if let Some(enc) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(enc);
            }
        }
    }
    None
}

/// The `encoding` of an `<?xml ... encoding="..."?>` declaration at the start.
fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.iter().position(|&b| b == b'>')?;
    let decl = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    let value = decl
        .split_once("encoding")?
        .1
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    Encoding::for_label(label.trim().as_bytes())
}

/// The `charset` parameter of a Content-Type header value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// True when the bytes look like binary data rather than text (NULs or many control bytes in
/// the first 8 KB).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    if Encoding::for_bom(sample).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return false; // UTF-16 text has NULs
    }
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    sample.contains(&0) || controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_from_meta_and_guess() {
        let bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        assert!(decode(bytes, None, true).contains("café"));
        let bare = b"<p>Le caf\xe9 de la gare \xe9tait ferm\xe9 \xe0 cause de la gr\xe8ve.</p>";
        assert!(decode(bare, None, true).contains("café"));
    }

    #[test]
    fn windows_1252_punctuation_and_http_equiv() {
        let bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; \
            charset=windows-1252\"></head><body>It\x92s \x80 5 \x96 \x93quoted\x94</body></html>";
        assert!(
            decode(bytes, None, true)
                .contains("It\u{2019}s \u{20ac} 5 \u{2013} \u{201c}quoted\u{201d}")
        );
    }

    #[test]
    fn header_wins_over_meta_and_xml_declaration_counts() {
        let bytes = b"<html><head><meta charset=\"utf-8\"></head><body>caf\xe9</body></html>";
        assert!(decode(bytes, Some("windows-1252"), true).contains("café"));
        // An unknown header label falls through to the page's own declaration.
        let bytes = b"<html><head><meta charset=\"iso-8859-15\"></head><body>\xa4</body></html>";
        assert!(decode(bytes, Some("no-such-charset"), true).contains('€'));
        let xml =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body>na\xefve</body></html>";
        assert!(decode(xml, None, true).contains("naïve"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "<p>été</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None, true), "<p>été</p>");
    }

    #[test]
    fn header_and_bom() {
        assert_eq!(decode(b"\xef\xbb\xbfhi", None, false), "hi");
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1"), false), "café");
        assert_eq!(charset_param("text/html; charset=\"UTF-8\""), Some("UTF-8"));
    }

    #[test]
    fn binary_sniffing() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary("plain text, ünïcode".as_bytes()));
    }
}
