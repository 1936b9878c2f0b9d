//! Photos people upload (a nominee's on the 好人榜, later a wish's): decoded and encoded again
//! by the server, so that what is kept and served is pixels only — no EXIF, no GPS, no comment —
//! turned upright by the EXIF orientation before it goes, at two bounded sizes.
//!
//! Only JPEG, PNG and WebP are read, and only within limits checked before any pixel is
//! allocated: a renamed PDF, a truncated file or a "decompression bomb" (a small file that
//! claims 20000 × 20000 pixels) is refused with what was wrong.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest upload, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The longest side a photo may claim (a phone's camera makes at most ~8000).
pub const MAX_SIDE: u32 = 10_000;
/// What decoding may allocate (a 10000 × 10000 RGBA image is 400 MB: refused; a 48-megapixel
/// phone photo, 192 MB as RGBA, passes).
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// The story's photo, its longest side.
pub const LARGE_SIDE: u32 = 1600;
/// A list's thumbnail, its longest side.
pub const THUMB_SIDE: u32 = 480;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// JPEG, at most [`LARGE_SIDE`] on its longest side.
    pub large: Vec<u8>,
    /// JPEG, at most [`THUMB_SIDE`].
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is larger than 5 MB")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("the image claims more pixels than a photo has")]
    TooManyPixels,
    #[error("the image is damaged or cut short")]
    Damaged,
}

/// Reads an uploaded image and makes its two sizes.
pub fn process(bytes: &[u8]) -> Result<Photo, PhotoError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoError::TooLarge);
    }
    // By its bytes, never by a name or a declared type.
    let format = image::guess_format(bytes).map_err(|_| PhotoError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(read_error)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(read_error)?;
    image.apply_orientation(orientation);
    let large = encode(&fit(&image, LARGE_SIDE), 85)?;
    let thumb = encode(&fit(&image, THUMB_SIDE), 80)?;
    let (width, height) = fit_size(image.width(), image.height(), LARGE_SIDE);
    Ok(Photo {
        large,
        thumb,
        width,
        height,
    })
}

fn read_error(error: image::ImageError) -> PhotoError {
    match error {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        image::ImageError::Unsupported(_) => PhotoError::NotAnImage,
        _ => PhotoError::Damaged,
    }
}

/// The size `width` × `height` takes to fit within `side` × `side`, never larger.
fn fit_size(width: u32, height: u32, side: u32) -> (u32, u32) {
    if width <= side && height <= side {
        return (width, height);
    }
    let scale = f64::from(side) / f64::from(width.max(height));
    let scaled = |n: u32| ((f64::from(n) * scale).round() as u32).max(1);
    (scaled(width), scaled(height))
}

fn fit(image: &DynamicImage, side: u32) -> DynamicImage {
    let (width, height) = fit_size(image.width(), image.height(), side);
    if (width, height) == (image.width(), image.height()) {
        image.clone()
    } else {
        image.resize_exact(width, height, image::imageops::FilterType::Triangle)
    }
}

/// JPEG of the pixels alone (the encoder writes no metadata it is not given).
fn encode(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&image.to_rgb8())
        .map_err(|_| PhotoError::Damaged)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

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
        exif.extend_from_slice(b"GPSMARKER-31.2304N");
        exif
    }

    /// A 40 × 20 JPEG: red on the left half, blue on the right, with `orientation`.
    fn phone_photo(orientation: u16) -> Vec<u8> {
        let image = RgbImage::from_fn(40, 20, |x, _| {
            if x < 20 {
                Rgb([220, 20, 20])
            } else {
                Rgb([20, 20, 220])
            }
        });
        let mut out = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut out, 95);
        encoder.set_exif_metadata(exif(orientation)).unwrap();
        encoder
            .write_image(image.as_raw(), 40, 20, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack
            .windows(needle.len())
            .any(|window| window == needle)
    }

    #[test]
    fn a_phone_photo_stands_upright_and_loses_its_metadata() {
        let upload = phone_photo(6);
        assert!(contains(&upload, b"Exif") && contains(&upload, b"GPSMARKER"));
        let photo = process(&upload).unwrap();
        // Orientation 6: turned 90° clockwise, so 40 × 20 becomes 20 × 40, red on top.
        assert_eq!((photo.width, photo.height), (20, 40));
        let large = image::load_from_memory(&photo.large).unwrap().to_rgb8();
        assert_eq!(large.dimensions(), (20, 40));
        let top = large.get_pixel(10, 5);
        let bottom = large.get_pixel(10, 35);
        assert!(top[0] > 150 && top[2] < 100, "red on top: {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "blue below: {bottom:?}");
        for bytes in [&photo.large, &photo.thumb] {
            assert!(!contains(bytes, b"Exif"), "no EXIF");
            assert!(!contains(bytes, b"GPSMARKER"), "no GPS");
            assert_eq!(image::guess_format(bytes).unwrap(), ImageFormat::Jpeg);
        }
    }

    #[test]
    fn a_large_photo_is_bounded_in_both_sizes() {
        let image = RgbImage::from_pixel(3000, 2000, Rgb([10, 120, 10]));
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(image.as_raw(), 3000, 2000, image::ExtendedColorType::Rgb8)
            .unwrap();
        let photo = process(&png).unwrap();
        assert_eq!((photo.width, photo.height), (LARGE_SIDE, 1067));
        let thumb = image::load_from_memory(&photo.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (THUMB_SIDE, 320));
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A PNG of a few dozen bytes that claims `side` × `side` pixels.
    fn bomb(side: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            png.extend_from_slice(&body);
            png.extend_from_slice(&crc32(&body).to_be_bytes());
        };
        let mut header = side.to_be_bytes().to_vec();
        header.extend_from_slice(&side.to_be_bytes());
        header.extend_from_slice(&[8, 6, 0, 0, 0]);
        chunk(b"IHDR", &header);
        chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(b"IEND", &[]);
        png
    }

    #[test]
    fn what_is_not_a_photo_is_refused_by_name() {
        assert_eq!(
            process(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj"),
            Err(PhotoError::NotAnImage),
            "a renamed PDF"
        );
        assert_eq!(process(b""), Err(PhotoError::NotAnImage));
        assert_eq!(
            process(b"GIF89a\x01\x00\x01\x00"),
            Err(PhotoError::NotAnImage)
        );
        let photo = phone_photo(1);
        assert_eq!(
            process(&photo[..photo.len() / 2]),
            Err(PhotoError::Damaged),
            "cut short"
        );
        assert_eq!(process(&bomb(20_000)), Err(PhotoError::TooManyPixels));
        assert_eq!(
            process(&vec![0xff; MAX_UPLOAD_BYTES + 1]),
            Err(PhotoError::TooLarge)
        );
    }
}
