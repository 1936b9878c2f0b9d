//! Data the whole app shares, loaded once at the root and read through hooks; and the activity
//! a route names.

use crate::router::use_params_map;
use chrono::{DateTime, FixedOffset, NaiveDate};
use leptos::prelude::*;
use station_wire::activities::{Activity, Category};
use station_wire::station::StationInfo;

use std::future::Future;

use crate::api::{use_api, Api, ApiError};

#[derive(Clone, Copy)]
struct StationResource(LocalResource<Result<StationInfo, ApiError>>);

#[derive(Clone, Copy)]
struct CategoriesResource(LocalResource<Result<Vec<Category>, ApiError>>);

/// Starts loading the station and the categories; call once, below the config.
pub fn provide_station_data() {
    let api = use_api();
    let station = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.station().await }
        }
    });
    let categories = LocalResource::new(move || {
        let api = api.clone();
        async move { api.categories().await.map(|list| list.items) }
    });
    provide_context(StationResource(station));
    provide_context(CategoriesResource(categories));
}

/// `GET /station`: the name, zone and clock of the backend's station.
pub fn use_station() -> LocalResource<Result<StationInfo, ApiError>> {
    expect_context::<StationResource>().0
}

/// `GET /categories`: every service category with its colour.
pub fn use_categories() -> LocalResource<Result<Vec<Category>, ApiError>> {
    expect_context::<CategoriesResource>().0
}

/// The station's clock as it read when the station answered (not the device's); `None` until
/// then, and where no station data is provided (component tests).
pub fn use_station_now() -> Signal<Option<DateTime<FixedOffset>>> {
    let station = use_context::<StationResource>().map(|resource| resource.0);
    Signal::derive(move || {
        station
            .and_then(|station| station.get())
            .and_then(|station| station.ok())
            .map(|station| station.now)
    })
}

/// The station's today, once the station has answered: from its clock, not the device's.
pub fn use_station_today() -> Signal<Option<NaiveDate>> {
    let now = use_station_now();
    Signal::derive(move || now.get().map(|now| now.date_naive()))
}

/// What the route's `:id` names, loaded by `load`. An id that is not a number cannot exist: it
/// is told as the backend would tell it (404).
pub fn use_of_path_id<T, F, Fut>(load: F) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(Api, i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let params = use_params_map();
    LocalResource::new(move || {
        let api = api.clone();
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok());
        async move {
            match id {
                Some(id) => load(api, id).await,
                None => Err(ApiError::Http { status: 404 }),
            }
        }
    })
}

/// The activity the route's `:id` names.
pub fn use_activity_of_path() -> LocalResource<Result<Activity, ApiError>> {
    use_of_path_id(|api, id| async move { api.activity(id).await })
}
