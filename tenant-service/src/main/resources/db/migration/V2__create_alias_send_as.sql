-- Off by default: creating alias sendAs entries needs one more delegated scope
-- (gmail.settings.sharing), which existing tenants have not granted.
ALTER TABLE tenant ADD COLUMN create_alias_send_as BOOLEAN NOT NULL DEFAULT FALSE;
