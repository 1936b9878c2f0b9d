fn main() {
    station_app::start();
}
