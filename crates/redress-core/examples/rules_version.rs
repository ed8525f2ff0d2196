//! Prints the version of the rules built into this Redress (`redress_core::rules::version`). The
//! release build (`scripts/build-wasm.sh`) writes it into `index.html` and `sw.js`:
//! `cargo run --quiet --example rules_version`.

fn main() {
    println!("{}", redress_core::rules::version());
}
