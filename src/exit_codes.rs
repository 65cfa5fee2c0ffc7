//! Exit codes, documented in the README. Several outcomes in one run merge into the worst.

/// How a run ended, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// Every source was read.
    Success,
    /// At least one source failed (missing, unreadable, no article, network error); the others
    /// were read.
    SomeFailed,
    /// The command line or the configuration was wrong; nothing was read.
    Usage,
    /// The speech engine is missing, has no voice for the language, or stopped responding.
    EngineFailure,
    /// Interrupted by Ctrl-C (or SIGTERM).
    Interrupted,
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        match code {
            ExitCode::Success => 0,
            ExitCode::SomeFailed => 1,
            ExitCode::Usage => 2,
            ExitCode::EngineFailure => 3,
            ExitCode::Interrupted => 130,
        }
    }
}

impl ExitCode {
    /// The outcome of a run made of several outcomes: the worst one.
    pub fn merge(self, other: ExitCode) -> ExitCode {
        self.max(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_to_the_worst() {
        assert_eq!(
            ExitCode::Success.merge(ExitCode::SomeFailed),
            ExitCode::SomeFailed
        );
        assert_eq!(
            ExitCode::EngineFailure.merge(ExitCode::SomeFailed),
            ExitCode::EngineFailure
        );
        assert_eq!(i32::from(ExitCode::Interrupted), 130);
        assert_eq!(i32::from(ExitCode::Usage), 2);
    }
}
