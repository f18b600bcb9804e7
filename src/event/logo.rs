//! An event's logo: a PNG or JPEG image kept in the database and drawn on the title page of
//! the outcome document. Accepted only when the PDF engine can decode it, so an export never
//! fails on a logo that was taken.

use chrono::{DateTime, Utc};

use super::model::EventLogo;
use crate::error::Result;
use crate::id::Id;
use crate::store::{Store, Tx};

/// Sets (or replaces) the event's logo; nothing is stored when the image is refused.
pub fn set_logo(tx: &Tx<'_>, event_id: &Id, bytes: Vec<u8>, now: DateTime<Utc>) -> Result<EventLogo> {
    let id = tx.events().resolve("id", event_id.as_str())?;
    let logo = EventLogo::validate(bytes, now)?;
    tx.events().set_logo(&id, &logo)?;
    Ok(logo)
}

/// Removes the event's logo; `false` when it had none.
pub fn remove_logo(tx: &Tx<'_>, event_id: &Id) -> Result<bool> {
    let id = tx.events().resolve("id", event_id.as_str())?;
    tx.events().remove_logo(&id)
}

pub fn logo(store: &Store, event_id: &str) -> Result<Option<EventLogo>> {
    let id = store.events().resolve("id", event_id)?;
    store.events().logo(&id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Reason;
    use crate::event::model::{LogoFormat, MAX_LOGO_BYTES, MAX_LOGO_SIDE};
    use crate::pdf;

    /// A PNG of `w`×`h` grey pixels, encoded by the `image` crate the PDF engine decodes with.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([0x4E, 0x79, 0xA7]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn check(bytes: Vec<u8>, expected: std::result::Result<(LogoFormat, u32, u32), Reason>) {
        let got = EventLogo::validate(bytes, Utc::now());
        match (got, expected) {
            (Ok(l), Ok(want)) => assert_eq!((l.format, l.width, l.height), want),
            (Err(e), Err(reason)) => {
                assert_eq!(e.field.as_deref(), Some("logo"));
                assert_eq!(e.reason, reason, "{}", e.message);
            }
            (got, want) => panic!("got {got:?}, expected {want:?}"),
        }
    }

    #[test]
    fn validation() {
        check(png(40, 20), Ok((LogoFormat::Png, 40, 20)));
        check(Vec::new(), Err(Reason::Required));
        check(b"GIF89a\x01\x00\x01\x00".to_vec(), Err(Reason::InvalidValue));
        check(b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(), Err(Reason::InvalidValue));
        // A PNG signature on broken data: refused by decoding, not by the name.
        let mut truncated = png(40, 20);
        truncated.truncate(30);
        check(truncated, Err(Reason::InvalidValue));
        check(b"\xFF\xD8\xFF\xE0 not really a jpeg".to_vec(), Err(Reason::InvalidValue));
        let mut big = png(2, 2);
        big.resize(MAX_LOGO_BYTES + 1, 0);
        check(big, Err(Reason::TooLong));
        check(png(MAX_LOGO_SIDE as u32 + 1, 1), Err(Reason::InvalidValue));
    }

    /// A PNG whose header declares `w`×`h` pixels (1-bit grey) but holds one tiny data chunk.
    fn png_claiming(w: u32, h: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let crc = crc32(kind.iter().chain(data));
            out.extend_from_slice(&crc.to_be_bytes());
        }
        fn crc32<'a>(bytes: impl Iterator<Item = &'a u8>) -> u32 {
            let mut crc = !0u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            !crc
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // 1 bit, grey, deflate, no filter, no interlace
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// Refused from the header alone, before any pixel is decoded: the message gives the
    /// declared size, which decoding (a 450 MB buffer for 60000×60000 at 1 bit, then an error
    /// about the missing data) never reports.
    #[test]
    fn a_huge_declared_size_is_refused_before_decoding() {
        assert_eq!(pdf::declared_image_size(&png_claiming(60_000, 60_000)).unwrap(), (60_000, 60_000));
        // 11000×11000 is under the decoder's own 512 MiB limit: it would be decoded before.
        for (w, h) in [(60_000, 60_000), (11_000, 11_000), (MAX_LOGO_SIDE as u32 + 1, 1), (1, 100_000)] {
            let started = std::time::Instant::now();
            let err = EventLogo::validate(png_claiming(w, h), Utc::now()).unwrap_err();
            assert_eq!((err.field.as_deref(), err.reason), (Some("logo"), Reason::InvalidValue), "{err}");
            assert!(err.message.contains(&format!("{w}×{h} pixels")), "refused for its size: {}", err.message);
            assert!(started.elapsed() < std::time::Duration::from_millis(200), "{:?}", started.elapsed());
        }
        // The same small file within the limits is read further, and refused for its missing data.
        let err = EventLogo::validate(png_claiming(40, 20), Utc::now()).unwrap_err();
        assert_eq!(err.reason, Reason::InvalidValue);
        assert!(!err.message.contains("pixels"), "{}", err.message);
    }

    #[test]
    fn a_jpeg_is_taken() {
        let img = image::RgbImage::from_pixel(30, 10, image::Rgb([200, 30, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        check(out.into_inner(), Ok((LogoFormat::Jpeg, 30, 10)));
    }

    #[test]
    fn set_replace_remove() {
        let mut store = crate::store::testing::store();
        let event =
            store.write(|tx| super::super::create(tx, &crate::event::model::tests::doha(), Utc::now())).unwrap();
        let id = event.id.as_str();
        assert_eq!(logo(&store, id).unwrap(), None);
        store.write(|tx| set_logo(tx, &crate::id::Id::parse("id", id).unwrap(), png(40, 20), Utc::now())).unwrap();
        store.write(|tx| set_logo(tx, &crate::id::Id::parse("id", id).unwrap(), png(10, 10), Utc::now())).unwrap();
        let stored = logo(&store, id).unwrap().unwrap();
        assert_eq!((stored.width, stored.image), (10, png(10, 10)));
        // A refused image leaves the stored one alone.
        assert!(store
            .write(|tx| set_logo(tx, &crate::id::Id::parse("id", id).unwrap(), b"nope".to_vec(), Utc::now()))
            .is_err());
        assert_eq!(logo(&store, id).unwrap().unwrap().width, 10);
        let next = store
            .write(|tx| {
                crate::programme::edition::clone_event(
                    tx,
                    &crate::id::Id::parse("id", id).unwrap(),
                    "2025-05-20",
                    Utc::now(),
                )
            })
            .unwrap();
        assert_eq!(logo(&store, next.id.as_str()).unwrap().unwrap().image, png(10, 10), "next year's keeps it");
        assert!(store.write(|tx| remove_logo(tx, &crate::id::Id::parse("id", id).unwrap())).unwrap());
        assert!(!store.write(|tx| remove_logo(tx, &crate::id::Id::parse("id", id).unwrap())).unwrap());
        assert_eq!(logo(&store, id).unwrap(), None);
        assert_eq!(
            store.write(|tx| set_logo(tx, &crate::id::Id::new(), png(1, 1), Utc::now())).unwrap_err().field.as_deref(),
            Some("id")
        );
    }
}
