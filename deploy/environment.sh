# Sourced by deploy/serve and deploy/two-servers: production mode on this machine.

# A secret key made once for this checkout, kept in the git-ignored .env that settings.py reads.
if [ -z "${SECRET_KEY:-}" ] && ! grep -qs "^SECRET_KEY=" .env; then
    echo "SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
    chmod 600 .env
fi

export DEBUG=false
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost,${HOST:-127.0.0.1}}
# On one machine there is no TLS: redirecting to https would serve nothing. Behind a balancer
# that ends TLS, set BEHIND_TLS_PROXY=true and leave this on (docs/deployment.md).
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}

# Migrations, content and static files, once per release (not once per app server).
prepare() {
    .venv/bin/python manage.py migrate --no-input --verbosity 0
    .venv/bin/python manage.py load_routines --keep-existing --verbosity 0
    .venv/bin/python manage.py collectstatic --no-input --verbosity 0
}
