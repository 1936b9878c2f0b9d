//! Records of service: `/me/certificate`, the volunteer's service certificate (志愿服务证明) to
//! print or save as PDF for a school or an employer; and for staff, `reports.rs`, the CSV
//! reports.

mod reports;

pub use reports::ReportsPage;

use leptos::prelude::*;
use station_wire::reports::Certificate;

use crate::api::use_api;
use crate::components::stars::hours_text;
use crate::components::{EmptyState, ErrorState, ListSkeleton};
use crate::hooks::use_station;
use crate::i18n::{fill, use_i18n, Locale};
use crate::load::Load;
use crate::pages::accounts::require_sign_in;
use crate::paths;

/// `2026年11月24日`.
fn long_date(locale: Locale, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    fill(
        locale.messages().records().date,
        &[
            ("year", &date.year()),
            ("month", &date.month()),
            ("day", &date.day()),
        ],
    )
}

#[component]
pub fn CertificatePage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let certificate = Load::new(move || {
        let api = api.clone();
        async move { api.certificate().await }
    });
    let texts = i18n.messages().records();
    view! {
        <div class="page certificate">
            <a class="back-link no-print" href=paths::ME>{texts.back}</a>
            {certificate.view(ListSkeleton, move |answer| match answer {
                        Ok(found) if found.entries.is_empty() => view! {
                            <h1 class="page__title">{texts.title}</h1>
                            <EmptyState title=texts.empty_title body=texts.empty_body />
                        }.into_any(),
                        Ok(found) => view! { <CertificateSheet certificate=found /> }.into_any(),
                        Err(error) => view! {
                            <h1 class="page__title">{texts.title}</h1>
                            <ErrorState error=error on_retry=move |()| certificate.refetch() />
                        }.into_any(),
                    })}
        </div>
    }
}

/// The certificate as it prints: who, how many hours, each activity with who confirmed it, the
/// station and the day it was issued.
#[component]
fn CertificateSheet(certificate: Certificate) -> impl IntoView {
    let i18n = use_i18n();
    let station = use_station();
    let locale = i18n.locale_untracked();
    let texts = i18n.t().records();
    let total = hours_text(u64::try_from(certificate.total_minutes).unwrap_or_default());
    let site = certificate
        .site
        .map(|site| fill(texts.of_site, &[("site", &site.name)]))
        .unwrap_or_default();
    let statement = fill(
        texts.statement,
        &[
            ("name", &certificate.display_name),
            ("site", &site),
            ("hours", &total),
            ("count", &certificate.entries.len()),
        ],
    );
    let rows = certificate
        .entries
        .into_iter()
        .map(|entry| {
            let minutes = u64::try_from(entry.minutes).unwrap_or_default();
            view! {
                <tr data-testid="certificate-row">
                    <td>{long_date(locale, entry.date)}</td>
                    <td>{entry.title}</td>
                    <td>{entry.site_name}</td>
                    <td class="certificate__hours">{hours_text(minutes)}</td>
                    <td>{entry.confirmed_by.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let issuer = move || {
        station
            .get()
            .and_then(Result::ok)
            .map(|station| station.name)
            .unwrap_or_default()
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let messages = i18n.messages().records();
    view! {
        <article class="certificate__sheet" aria-labelledby="certificate-title" data-testid="certificate">
            <h1 class="certificate__title" id="certificate-title">{messages.title}</h1>
            <p class="certificate__statement" data-testid="certificate-statement">{statement}</p>
            // A table wider than a phone (or than large text) scrolls sideways: by keyboard too.
            <div class="certificate__scroll" tabindex="0" role="region" aria-label=messages.caption>
                <table class="certificate__table">
                    <caption class="visually-hidden">{messages.caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{messages.date_column}</th>
                            <th scope="col">{messages.activity_column}</th>
                            <th scope="col">{messages.site_column}</th>
                            <th scope="col">{messages.hours_column}</th>
                            <th scope="col">{messages.confirmed_by_column}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="3">{messages.total}</th>
                            <td class="certificate__hours" data-testid="certificate-total">{total.clone()}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="certificate__issuer">{issuer}</p>
            <p class="certificate__issued">{fill(messages.issued_on, &[("date", &long_date(locale, certificate.issued_on))])}</p>
        </article>
        <p class="page__lead no-print">{messages.print_hint}</p>
        <button type="button" class="button no-print" on:click=print data-testid="print">
            {messages.print}
        </button>
    }
}
