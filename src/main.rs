//! The binary trunk builds: in the browser it mounts the app; natively it only points at the README.

#[cfg(target_arch = "wasm32")]
mod bench_hooks;

#[cfg(target_arch = "wasm32")]
fn main() {
    redress::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Redress runs in the browser. Start it with the first command in README.md's Quick start.");
}
