-- A secret's ciphertext is bound to its owner (a tenant id, or "operator" for the shared service
-- account) and its id: format 2 authenticates both as AES-GCM associated data, so a ciphertext
-- moved to another tenant's row fails to decrypt. Format 1 rows (the secret id alone) are
-- re-encrypted as format 2 when tenant-service starts (KeyVault).
ALTER TABLE vault_secret ADD COLUMN owner TEXT;
ALTER TABLE vault_secret ADD COLUMN format SMALLINT NOT NULL DEFAULT 1;
UPDATE vault_secret v SET owner = t.id FROM tenant t WHERE t.own_key_secret_id = v.id;
UPDATE vault_secret v SET owner = 'operator'
    FROM shared_service_account s WHERE s.key_secret_id = v.id;
