//! The configuration file: its fetch limits are the defaults, the command line wins over it, the
//! XDG location is found on its own, and a bad file is one message with the line and the key
//! (exit code 2, nothing read).

mod common;
#[path = "common/faulty_server.rs"]
mod faulty_server;
#[path = "common/measured.rs"]
mod measured;

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use faulty_server::FaultyServer;
use measured::Measured;

static SERVER: LazyLock<FaultyServer> = LazyLock::new(FaultyServer::start);

const HARD_LIMIT: Duration = Duration::from_secs(60);

/// `listen text ARGS` with `home` as HOME (its config folder is `home/config/listen`).
fn run_in(home: &Path, args: &[&str]) -> Measured {
    let mut c = common::listen(home);
    for var in ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] {
        c.env_remove(var);
    }
    c.arg("text").args(args);
    measured::run(&mut c, HARD_LIMIT)
}

fn write_config(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    std::fs::write(path, text).expect("write config");
}

fn one_line(m: &Measured) -> &str {
    let lines: Vec<&str> = m.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one message: {m:#?}");
    lines[0]
}

#[test]
fn config_limits_are_defaults_and_flags_win() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("my-listen.toml");
    write_config(
        &config,
        "# fetch limits for this test\n[fetch]\ntimeout = 1\nretries = 0\n",
    );
    let cfg = config.display().to_string();
    let slow = SERVER.url("/slow-headers?config");

    let m = run_in(home.path(), &["--config", &cfg, &slow]);
    assert_eq!(m.code, Some(1), "{m:#?}");
    assert!(
        one_line(&m).contains("timed out after 1 s waiting"),
        "{m:#?}"
    );
    assert!(m.elapsed < Duration::from_secs(4), "{m:#?}");

    let m = run_in(home.path(), &["--config", &cfg, "--timeout", "1.5", &slow]);
    assert!(
        one_line(&m).contains("timed out after 1.5 s waiting"),
        "the flag wins: {m:#?}"
    );

    // retries = 0 from the file: a 503 is tried once.
    let unavailable = "/status/503?config";
    let m = run_in(home.path(), &["--config", &cfg, &SERVER.url(unavailable)]);
    assert!(one_line(&m).ends_with("503 Service Unavailable"), "{m:#?}");
    assert_eq!(SERVER.requests(unavailable).len(), 1);
}

#[test]
fn the_xdg_config_file_is_found() {
    let home = tempfile::tempdir().expect("tempdir");
    // common::listen sets XDG_CONFIG_HOME to HOME/config.
    write_config(
        &home.path().join("config/listen/config.toml"),
        "[fetch]\nmax_bytes = 500\n",
    );
    let article = common::article("kenya-reinforcements-haiti.txt");
    let a = article.display().to_string();
    let m = run_in(home.path(), &[&a]);
    assert_eq!(m.code, Some(1), "{m:#?}");
    assert!(
        one_line(&m).starts_with(&format!("listen: {a}: file larger than 500 bytes")),
        "{m:#?}"
    );
    let page = SERVER.url("/article?xdg");
    let m = run_in(home.path(), &[&page]);
    assert!(
        one_line(&m).contains("response larger than 500 bytes"),
        "the same limit for URLs: {m:#?}"
    );
    let m = run_in(home.path(), &["--max-bytes", "20MB", &a]);
    assert_eq!(m.code, Some(0), "the flag wins: {m:#?}");
}

#[test]
fn a_bad_config_names_the_line_and_the_key() {
    let home = tempfile::tempdir().expect("tempdir");
    let a = common::article("kenya-reinforcements-haiti.txt")
        .display()
        .to_string();
    let cases = [
        (
            "voice = \"English\"\n\n[fetch]\ntimeout = \"soon\"\n",
            "line 4, key `fetch.timeout`: \"soon\" is not a number of seconds",
        ),
        (
            "rate = 1.2\nspeed = 2\n",
            "line 2, key `speed`: unknown setting",
        ),
        ("rate = 9\n", "line 1, key `rate`: 9 is outside 0.5 to 3"),
        (
            "[voices]\nfr = 3\n",
            "line 2, key `voices.fr`: expected a string in quotes, found an integer",
        ),
        (
            "[fetch]\nmax_bytes = \"lots\"\n",
            "line 2, key `fetch.max_bytes`: \"lots\" is not a size",
        ),
        (
            "voice = \"x\"\nrate = \n",
            "line 2, key `rate`: not valid TOML",
        ),
        (
            "[fetch]\ntimeout = 3\nmax_redirect = 4\n",
            "line 3, key `fetch.max_redirect`: unknown setting",
        ),
    ];
    let config = home.path().join("config/listen/config.toml");
    for (text, expected) in cases {
        write_config(&config, text);
        let m = run_in(home.path(), &[&a]);
        assert_eq!(m.code, Some(2), "a usage error: {m:#?}");
        assert!(m.stdout.is_empty(), "nothing read: {m:#?}");
        let line = one_line(&m);
        let prefix = format!("listen: config file {}, ", config.display());
        assert!(
            line.starts_with(&prefix) && line[prefix.len()..].starts_with(expected),
            "expected \"{prefix}{expected}…\", got: {line}"
        );
        println!("{line}");
    }
}

#[test]
fn a_missing_config_file_given_with_the_flag_is_an_error() {
    let home = tempfile::tempdir().expect("tempdir");
    let missing = home.path().join("nope.toml").display().to_string();
    let a = common::article("kenya-reinforcements-haiti.txt")
        .display()
        .to_string();
    let m = run_in(home.path(), &["--config", &missing, &a]);
    assert_eq!(m.code, Some(2), "{m:#?}");
    assert_eq!(
        one_line(&m),
        format!("listen: config file {missing}: no such file")
    );
    // An empty file is a valid, empty configuration.
    let m = run_in(home.path(), &["--config", "/dev/null", &a]);
    assert_eq!(m.code, Some(0), "{m:#?}");
}
