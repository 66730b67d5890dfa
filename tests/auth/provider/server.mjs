// A real OpenID Provider for OnePane's sign-in tests: panva/oidc-provider (OpenID Certified),
// listening on 127.0.0.1 only. Its development interactions (a login form that accepts any
// password, then a consent form) are the "browser pages" the tests drive.
//
//   node server.mjs <port> <access-token-ttl-seconds>
//
// Prints one JSON line {"issuer": ...} on stdout when it listens.
import Provider from 'oidc-provider';

const port = Number(process.argv[2] || 0);
const accessTtl = Number(process.argv[3] || 600);

const ACCOUNTS = {
  'agent-ana': { name: 'Ana de Vries', onepane_role: 'agent', onepane_team: 'web' },
  'sup-sam': { name: 'Sam Okoro', onepane_role: 'supervisor', onepane_team: 'web' },
  'store-sara': { name: 'Sara Lind', onepane_role: 'store_staff', onepane_store: '012' },
};

function configuration(issuer) {
  return {
    clients: [
      {
        client_id: 'onepane-desktop',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // RFC 8252 7.3: for a native client the port of a loopback redirect may vary.
        redirect_uris: ['http://127.0.0.1/callback'],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'offline_access', 'onepane'],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      onepane: ['onepane_role', 'onepane_team', 'onepane_store'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, revocation: { enabled: true } },
    ttl: { AccessToken: accessTtl, IdToken: 3600, RefreshToken: 86400, Session: 3600, Interaction: 600, Grant: 86400 },
    async findAccount(ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...account }; } };
    },
    async issueRefreshToken(ctx, client, code) {
      return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
    },
  };
}

const server = (await import('node:http')).createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, configuration(issuer));
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdin.on('end', () => process.exit(0)); // the test closes stdin to stop us (works on Windows too)
process.stdin.resume();
