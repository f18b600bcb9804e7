//! `muntada`: the coordinators' batch interface to the same core and database as the app.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error, nothing more was written ({info})");
    }));
    let args = cli::Args::parse();
    cli::run(args)
}
