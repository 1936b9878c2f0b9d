//! Markup written as text, for views drawn in bulk: the month's grid and a day's cards are set as
//! one `innerHTML` each instead of crossing from wasm to the DOM for every element, attribute and
//! text node. In a crowded month those crossings, not the browser's drawing, were most of the
//! 150 ms a step into it took at CPU 4× (issue 17's goal: 50). Every text and attribute value is
//! escaped here, so a title or a festival's name from the backend stays text.
//!
//! A category's colour cannot ride along as a `style` attribute (the CSP forbids them): the
//! element carries it in `data-colour`, and [`colour_rule`] adds one rule per colour to the
//! page's own constructed stylesheet (the CSSOM, which the CSP allows).

use std::cell::RefCell;

/// Markup being written: `open`, `text`, `close`, in document order.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// `<tag name="value" …>`; an attribute with an empty value is left out.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes.iter().filter(|(_, value)| !value.is_empty()) {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape(value, &mut self.0);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape(text, &mut self.0);
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// An element holding only `text`.
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The attribute an element written as markup carries its category's colour in.
pub const COLOUR_ATTRIBUTE: &str = "data-colour";

/// `&`, `<`, `>` and `"` as references: enough for text and for a double-quoted attribute value.
/// By hand: html-escape's functions for the same four cost 0.6 KiB more of a bundle (measured).
fn escape(text: &str, out: &mut String) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

thread_local! {
    /// The page's own stylesheet of category colours, and the colours it has rules for.
    static COLOURS: RefCell<Option<(web_sys::CssStyleSheet, Vec<String>)>> = const { RefCell::new(None) };
}

/// Makes `[data-colour="…"]` hand its colour to the stylesheet as `--category-colour`, as a
/// `style=(COLOUR_PROPERTY, …)` does for an element drawn by Leptos. `colour` must have passed
/// [`super::safe_colour`] (`#` and hex digits: nothing that could end the selector).
pub fn colour_rule(colour: &str) {
    COLOURS.with_borrow_mut(|colours| {
        if colours.is_none() {
            *colours = adopt_sheet().map(|sheet| (sheet, Vec::new()));
        }
        let Some((sheet, known)) = colours else {
            return;
        };
        if known.iter().any(|known| known == colour) {
            return;
        }
        let rule = format!(
            "[{COLOUR_ATTRIBUTE}=\"{colour}\"]{{{}:{colour}}}",
            super::category::COLOUR_PROPERTY
        );
        if sheet.insert_rule(&rule).is_ok() {
            known.push(colour.to_owned());
        }
    });
}

/// A new stylesheet, adopted by the document.
fn adopt_sheet() -> Option<web_sys::CssStyleSheet> {
    let document = web_sys::window()?.document()?;
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    let adopted = document.adopted_style_sheets();
    adopted.push(&sheet);
    document.set_adopted_style_sheets(&adopted);
    Some(sheet)
}
