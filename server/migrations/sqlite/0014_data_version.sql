-- A number that changes with every write the calendar's list depends on (its activities, and
-- the names of their sites and teams), so that a kept answer is known to be current with one
-- read (`store::data_version`). SQLite has one writer at a time: the counter costs no
-- concurrency. (PostgreSQL needs no table: its transaction snapshot says the same.)

CREATE TABLE data_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);

CREATE TRIGGER activities_inserted AFTER INSERT ON activities BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER activities_updated AFTER UPDATE ON activities BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER activities_deleted AFTER DELETE ON activities BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER sites_inserted AFTER INSERT ON sites BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER sites_updated AFTER UPDATE ON sites BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER sites_deleted AFTER DELETE ON sites BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER teams_inserted AFTER INSERT ON teams BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER teams_updated AFTER UPDATE ON teams BEGIN UPDATE data_version SET n = n + 1; END;
CREATE TRIGGER teams_deleted AFTER DELETE ON teams BEGIN UPDATE data_version SET n = n + 1; END;
