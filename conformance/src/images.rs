//! The images every backend must tell apart: photos it takes (a PNG, a phone's JPEG with EXIF
//! orientation and a GPS pointer) and files it refuses (a renamed PDF, a file cut short, a PNG
//! of a few dozen bytes claiming 20000 × 20000 pixels). Shared by the conformance checks and
//! the reference server's tests.

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

/// A PNG of `width` × `height` in a gradient.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("a PNG in memory");
    out
}

/// What the GPS block of [`phone_photo`] carries, to look for in what is served.
pub const GPS_MARKER: &[u8] = b"GPSMARKER-31.2304N";

/// A little-endian EXIF block: orientation, and a GPS pointer as a phone writes one.
fn exif(orientation: u16) -> Vec<u8> {
    let mut exif = b"II\x2a\x00\x08\x00\x00\x00\x02\x00".to_vec();
    // 0x0112 Orientation, SHORT, 1 value.
    exif.extend_from_slice(&[0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00]);
    exif.extend_from_slice(&orientation.to_le_bytes());
    exif.extend_from_slice(&[0, 0]);
    // 0x8825 GPSInfo, LONG, 1 value (an offset; what it points at does not matter here).
    exif.extend_from_slice(&[
        0x25, 0x88, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x26, 0, 0, 0,
    ]);
    exif.extend_from_slice(&[0, 0, 0, 0]);
    exif.extend_from_slice(GPS_MARKER);
    exif
}

/// A 40 × 20 JPEG as a phone writes it: red on the left half, blue on the right, with EXIF
/// `orientation` (6: the camera was turned, so it stands upright as 20 × 40, red on top).
pub fn phone_photo(orientation: u16) -> Vec<u8> {
    let image = RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 95);
    encoder
        .set_exif_metadata(exif(orientation))
        .expect("EXIF is accepted");
    encoder
        .write_image(image.as_raw(), 40, 20, image::ExtendedColorType::Rgb8)
        .expect("a JPEG in memory");
    out
}

/// A PNG of a few dozen bytes that claims `side` × `side` pixels.
pub fn bomb(side: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    };
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

/// A PDF with an image's name.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".to_vec()
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
