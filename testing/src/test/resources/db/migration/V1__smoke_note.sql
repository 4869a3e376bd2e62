CREATE TABLE smoke_note (
    id        UUID PRIMARY KEY,
    text      TEXT NOT NULL,
    delivered BOOLEAN NOT NULL DEFAULT FALSE
);
