//! The `ormsh` binary: everything lives in the library; this maps the outcome
//! to an exit code.

#[global_allocator]
static ALLOCATOR: ormsh::memory::Counting = ormsh::memory::Counting;

fn main() {
    ormsh::memory::init();
    std::process::exit(ormsh::cli::main());
}
