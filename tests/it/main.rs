//! The core's integration tests: one binary, one module per area.

mod audit;
mod backup;
mod chart;
mod cli;
mod documents;
mod kill;
mod outcome;
mod pdf;
mod safety;
mod store;
