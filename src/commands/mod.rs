//! The subcommands other than reading aloud (which is the player's).

pub mod sentences;
pub mod text;
pub mod voices;
