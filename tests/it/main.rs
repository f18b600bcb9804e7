//! The core's integration tests: one binary, one module per area.

mod audit;
mod backup;
mod chart;
mod cli;
mod documents;
mod import;
mod kill;
mod outcome;
mod participants;
mod pdf;
mod programme;
mod safety;
mod store;
