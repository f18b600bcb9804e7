//! The core's integration tests: one binary, one module per area.

mod audit;
mod backup;
mod cli;
mod kill;
mod safety;
mod store;
