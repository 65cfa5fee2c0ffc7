//! listen: reads articles aloud.
//!
//! The pipeline, one module per stage (see `docs/architecture.md`):
//! `source` (bytes -> text) -> `extract` (text -> [`article::Article`]) -> `segment` (sentences)
//! -> `speech` (spoken form) -> [`script::Script`] -> `engine` (speech) driven by `player`.

pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod engine;
pub mod exit_codes;
pub mod export;
pub mod extract;
pub mod hash;
pub mod lang;
pub mod pipeline;
pub mod player;
pub mod script;
pub mod segment;
pub mod source;
pub mod speech;
