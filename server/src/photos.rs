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
    use station_conformance::images::{bomb, contains, pdf, phone_photo, png, GPS_MARKER};

    #[test]
    fn a_phone_photo_stands_upright_and_loses_its_metadata() {
        let upload = phone_photo(6);
        assert!(contains(&upload, b"Exif") && contains(&upload, GPS_MARKER));
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
            assert!(!contains(bytes, GPS_MARKER), "no GPS");
            assert_eq!(image::guess_format(bytes).unwrap(), ImageFormat::Jpeg);
        }
    }

    #[test]
    fn a_large_photo_is_bounded_in_both_sizes() {
        let photo = process(&png(3000, 2000)).unwrap();
        assert_eq!((photo.width, photo.height), (LARGE_SIDE, 1067));
        let thumb = image::load_from_memory(&photo.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (THUMB_SIDE, 320));
    }

    #[test]
    fn what_is_not_a_photo_is_refused_by_name() {
        assert_eq!(
            process(&pdf()),
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
