//! Deflates the PDF engine's fonts (assets/fonts, the source of truth) into OUT_DIR, where
//! `src/pdf/fonts.rs` embeds them. Compressed they take half the room in the binary (1.36 MB of
//! TTF, 0.69 MB deflated), which has a size budget; they are inflated once, on first use.

use std::{env, fs, io::Write, path::PathBuf};

use flate2::{write::DeflateEncoder, Compression};

const FONTS: [&str; 4] = ["NotoSans-Regular", "NotoSans-Bold", "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"];

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    for name in FONTS {
        let source = format!("assets/fonts/{name}.ttf");
        println!("cargo:rerun-if-changed={source}");
        let ttf = fs::read(&source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
        let mut encoder = DeflateEncoder::new(Vec::with_capacity(ttf.len()), Compression::best());
        encoder.write_all(&ttf).expect("deflating into memory");
        let deflated = encoder.finish().expect("deflating into memory");
        let target = out.join(format!("{name}.ttf.deflate"));
        fs::write(&target, deflated).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}
