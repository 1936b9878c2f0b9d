//! A QR code drawn as one SVG path (crisp at any print size and on any screen; no image, no
//! script): a share page's poster, the display screen.

use leptos::prelude::*;
use qrcode::{Color, EcLevel, QrCode};

/// The QR code of `text`, medium error correction (a poster may get scuffed), with the quiet
/// zone of four modules scanners need. Nothing when `text` is too long for a QR code.
#[component]
pub fn Qr(
    text: String,
    /// What it leads to, for screen readers.
    label: String,
) -> impl IntoView {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, colour) in code.to_colors().into_iter().enumerate() {
        if colour == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let size = width + 8;
    Some(view! {
        <svg
            class="qr"
            viewBox=format!("0 0 {size} {size}")
            role="img"
            aria-label=label
            shape-rendering="crispEdges"
            data-testid="qr"
        >
            // Filled, never outlined: the icons' stroke (main.css, inherited) would thicken
            // the modules into a blot that no scanner reads.
            <rect width=size height=size fill="#fff" stroke="none" />
            <path d=path fill="#000" stroke="none" />
        </svg>
    })
}
