//! The subcommands other than reading aloud (which is the player's).

pub mod text;
pub mod voices;
