-- The content hash of the directory record a user's signature was last emitted for: a DIRECTORY
-- event whose record differs is published even when the signature renders the same (push-service
-- retries what failed for the user's account). Written with targets_hash after Kafka acknowledged,
-- so a batch retried or redelivered after a crash still publishes. NULL: not known yet.
ALTER TABLE emitted_signature ADD COLUMN directory_hash TEXT;
