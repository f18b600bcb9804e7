//! The core's integration tests: one binary, one module per area.

mod cli;
mod documents;
mod pdf;
mod store;
