//! The service categories, kept by administrators (`GET /categories` is in `activities.rs`).

use station_wire::activities::{Category, CategoryUpdate, NewCategory};

use super::{json, Api, ApiError, Method};

impl Api {
    /// `POST /categories`: a new category, placed last.
    pub async fn create_category(&self, input: &NewCategory) -> Result<Category, ApiError> {
        self.request(Method::Post, "/categories", json(input)).await
    }

    /// `PUT /categories/{slug}`: its name and colour, and its place when `position` is given.
    pub async fn update_category(
        &self,
        slug: &str,
        input: &CategoryUpdate,
    ) -> Result<Category, ApiError> {
        let path = format!("/categories/{slug}");
        self.request(Method::Put, &path, json(input)).await
    }
}
