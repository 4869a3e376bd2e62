#!/usr/bin/env sh
# The RSA key pair tenant-service signs access tokens with (every service verifies them).
set -eu
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/jwt-private.pem
openssl pkey -in secrets/jwt-private.pem -pubout -out secrets/jwt-public.pem
chmod 600 secrets/jwt-private.pem
echo "wrote secrets/jwt-private.pem and secrets/jwt-public.pem"
