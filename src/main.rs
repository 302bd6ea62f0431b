//! The `whosaid` command: flags in, library calls, figures and errors out. Glue only.

mod cli;

use std::process::ExitCode;

// The batch allocates and frees many short-lived buffers on several threads at once, a pattern
// mimalloc serves markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("whosaid: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
