//! Ctrl-C and SIGTERM during rendering: finish cleanly instead of dying.
//!
//! While the handler is installed, the first signal only sets a flag: rendering stops at the
//! next sentence, the worker processes are killed (what they were writing vanishes, see
//! `atomic`), the playlist and feed are written for the articles already finished, and the
//! export exits with code 130. A second signal ends the process at once (the handler puts the
//! default action back). Worker processes ignore Ctrl-C from the terminal: the parent decides.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// True once Ctrl-C or SIGTERM arrived while the handler was installed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
    // SAFETY: signal() is async-signal-safe; the next signal gets the default action.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
    }
}

/// Installs the handler for SIGINT and SIGTERM.
pub fn install() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic and calls signal().
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// Makes this process (a render worker) ignore Ctrl-C.
pub fn ignore_ctrl_c() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore".
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
    }
}
