//! The `whosaid` command: flags in, library calls, figures and errors out. Glue only.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("whosaid: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
