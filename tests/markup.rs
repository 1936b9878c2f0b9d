//! Markup written as text (the month's grid, a day's cards): what it escapes, what it leaves out.

use station_app::components::markup::Markup;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn text_and_attribute_values_are_escaped_and_an_empty_attribute_is_left_out() {
    let mut markup = Markup::default();
    markup
        .open(
            "a",
            &[
                ("href", r#"/calendar/month?q=<"x">&date=2026-12-05"#),
                ("aria-current", ""),
            ],
        )
        .text("</a><script>alert('1')</script> & ")
        .element("span", &[("class", "n")], "5")
        .close("a");
    assert_eq!(
        markup.into_string(),
        "<a href=\"/calendar/month?q=&lt;&quot;x&quot;&gt;&amp;date=2026-12-05\">\
         &lt;/a&gt;&lt;script&gt;alert('1')&lt;/script&gt; &amp; \
         <span class=\"n\">5</span></a>"
    );
}
