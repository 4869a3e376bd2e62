-- One database per service (each owns its schema through Flyway).
CREATE DATABASE signet_tenant;
CREATE DATABASE signet_directory;
CREATE DATABASE signet_render;
CREATE DATABASE signet_push;
