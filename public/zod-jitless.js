// zod's object schemas probe for `new Function` when they are built, to compile faster parsers. The
// Content-Security-Policy forbids eval, so the probe fails, and the browser reports it as a violation even
// though zod catches it. zod reads this global when it loads: jitless skips the probe (and the compiled
// parsers, which the policy would refuse anyway). A plain script, so it runs before any module does.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
