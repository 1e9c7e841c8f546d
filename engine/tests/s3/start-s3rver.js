// A local S3-compatible server for the engine's R2 upload tests (engine/tests/unit/test_r2.c).
//
//   node start-s3rver.js <port> [request-log]
//
// Starts s3rver on 127.0.0.1:<port> over a fresh temporary directory with the bucket
// "storycut-test", prints "ready" once it listens, and removes the directory on SIGTERM,
// SIGINT or when stdin closes (the test that started it ended). With a request-log path it
// appends one line per request, "METHOD /path?query STATUS", so a test can check what
// was sent (a multipart upload's parts, say). Keys containing "flaky-part" or
// "broken-part" get injected server errors (see injectedFault).
//
// s3rver 3.7.1 accepts any AWS Signature Version 4 without checking it (only the access
// key id must exist). R2 checks signatures, so this script puts a SigV4 check in front of
// s3rver, written from AWS's specification: the canonical request (method, URI-encoded
// path, sorted and encoded query, the signed headers, x-amz-content-sha256), the string to
// sign and the derived key. A request with a wrong secret, an unsigned x-amz-* header, a
// missing x-amz-content-sha256 or a stale x-amz-date gets 403 as R2 would answer.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const S3rver = require('s3rver');

const ACCESS_KEY_ID = 'S3RVER'; // s3rver's built-in account
const SECRET_ACCESS_KEY = 'S3RVER';
const BUCKET = 'storycut-test';

const port = Number(process.argv[2]);
const requestLog = process.argv[3];
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node start-s3rver.js <port>');
  process.exit(2);
}

function rfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function canonicalPath(rawPath) {
  return rawPath
    .split('/')
    .map(seg => rfc3986(decodeURIComponent(seg)))
    .join('/');
}

function canonicalQuery(rawQuery) {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(p => p.length > 0)
    .map(p => {
      const eq = p.indexOf('=');
      const k = eq < 0 ? p : p.slice(0, eq);
      const v = eq < 0 ? '' : p.slice(eq + 1);
      return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v))];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function hmac(key, data) {
  return crypto.createHmac('sha256', key).update(data).digest();
}

// Returns null when the request is correctly signed, or [code, message].
function checkSigV4(req) {
  const auth = req.headers['authorization'];
  if (!auth) return ['AccessDenied', 'Anonymous requests are not allowed.'];
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return ['AuthorizationHeaderMalformed', 'The authorization header is malformed.'];
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m;
  if (accessKeyId !== ACCESS_KEY_ID)
    return ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
  if (service !== 's3') return ['AuthorizationHeaderMalformed', `The service "${service}" is not s3.`];
  const amzDate = req.headers['x-amz-date'] || '';
  const dm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!dm || amzDate.slice(0, 8) !== date) return ['AccessDenied', 'x-amz-date is missing or malformed.'];
  const when = Date.UTC(+dm[1], +dm[2] - 1, +dm[3], +dm[4], +dm[5], +dm[6]);
  if (Math.abs(Date.now() - when) > 15 * 60 * 1000) return ['RequestTimeTooSkewed', 'The request time is too skewed.'];
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (!payloadHash) return ['InvalidRequest', 'Missing required header for this request: x-amz-content-sha256.'];
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && !/^[0-9a-f]{64}$/.test(payloadHash))
    return ['InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 hash.'];
  const names = signedHeaders.split(';');
  const sorted = [...names].sort();
  if (names.join(';') !== sorted.join(';')) return ['AccessDenied', 'SignedHeaders are not sorted.'];
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256'])
    if (!names.includes(required)) return ['AccessDenied', `The header ${required} must be signed.`];
  for (const h of Object.keys(req.headers))
    if (h.startsWith('x-amz-') && !names.includes(h))
      return ['AccessDenied', `There were headers present in the request which were not signed: ${h}`];
  const canonicalHeaders = names
    .map(n => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  const canonicalRequest = [
    req.method,
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    crypto.createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4' + SECRET_ACCESS_KEY, date), region), service), 'aws4_request');
  const expected = hmac(key, stringToSign).toString('hex');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
    return [
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your key and signing method.',
    ];
  return null;
}

// Server errors on demand, for the retry paths (s3rver itself never fails): part 2 of an
// object whose key contains "flaky-part" fails once with 503 SlowDown; part 2 of one whose
// key contains "broken-part" always fails with 500 InternalError.
const faultsSeen = new Set();
function injectedFault(ctx) {
  if (ctx.method !== 'PUT' || ctx.query.partNumber !== '2') return null;
  if (ctx.path.includes('broken-part')) return [500, 'InternalError'];
  if (ctx.path.includes('flaky-part')) {
    const id = `${ctx.query.uploadId}:${ctx.query.partNumber}`;
    if (!faultsSeen.has(id)) {
      faultsSeen.add(id);
      return [503, 'SlowDown'];
    }
  }
  return null;
}

async function main() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'storycut-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: !process.env.S3RVER_DEBUG,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  // Koa composes its middleware when the server starts, so the check runs before s3rver's.
  server.middleware.unshift(async (ctx, next) => {
    const failure = checkSigV4(ctx.req);
    const fault = failure ? null : injectedFault(ctx);
    if (fault) {
      for await (const chunk of ctx.req) void chunk; // read the part, then refuse it
      if (requestLog) fs.appendFileSync(requestLog, `${ctx.method} ${ctx.url} ${fault[0]} ${fault[1]}\n`);
      ctx.status = fault[0];
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Error><Code>${fault[1]}</Code><Message>injected by start-s3rver.js</Message></Error>`;
      return;
    }
    if (!failure) {
      let status = 500;
      try {
        await next();
        status = ctx.status;
      } catch (err) {
        status = err.status || 500;
        throw err;
      } finally {
        if (requestLog) fs.appendFileSync(requestLog, `${ctx.method} ${ctx.url} ${status}\n`);
      }
      return;
    }
    if (requestLog) fs.appendFileSync(requestLog, `${ctx.method} ${ctx.url} 403 ${failure[0]}\n`);
    if (process.env.S3RVER_DEBUG) console.error(`refused ${ctx.method} ${ctx.url}: ${failure[0]}`);
    ctx.status = 403;
    ctx.type = 'application/xml';
    ctx.body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${failure[0]}</Code><Message>${failure[1]}</Message></Error>`;
  });
  await server.run();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      fs.rmSync(directory, { recursive: true, force: true });
      process.exit(0);
    });
    setTimeout(() => {
      fs.rmSync(directory, { recursive: true, force: true });
      process.exit(0);
    }, 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.stdout.write('ready\n');
}

main().catch(err => {
  console.error(`s3rver failed to start: ${err.message}`);
  process.exit(1);
});
