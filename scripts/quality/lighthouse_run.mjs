// One Lighthouse run of one URL through Lighthouse's Node API; prints the scores (0–100 per
// category) as one line of JSON. Called by lighthouse.py, once per run:
//
//   node scripts/quality/lighthouse_run.mjs URL CATEGORY,CATEGORY,... CHROME_FLAG...
//
// The same run as the `lighthouse` command line (mobile preset, simulated throttling, a fresh
// Chrome per run) with two differences, neither of which changes a score:
// - this process exits as soon as Chrome is gone; the command line waits about four seconds more
//   for handles Lighthouse leaves open, a third of each run;
// - three audits that weigh 0 in every category (lighthouse/core/config/default-config.js) are
//   skipped: the back-forward cache check navigates away and back, the other two draw screenshots.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [url, categories, ...chromeFlags] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,  // set by lighthouse.py
  chromeFlags,
});
try {
  const result = await lighthouse(url, {
    port: chrome.port,
    logLevel: 'error',
    onlyCategories: categories.split(','),
    // no audit scores the full-page screenshot (1.8 s of each run)
    disableFullPageScreenshot: true,
    skipAudits: ['bf-cache', 'screenshot-thumbnails', 'final-screenshot'],
  });
  const scores = {};
  for (const [key, category] of Object.entries(result.lhr.categories)) {
    scores[key] = category.score === null ? null : Math.round(category.score * 100);
  }
  process.stdout.write(JSON.stringify(scores) + '\n');
} finally {
  chrome.kill();
}
process.exit(0);
