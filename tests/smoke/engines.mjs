// How to start each browser through its WebDriver driver (ARCHITECTURE.md, "Every browser
// engine"). Every session is a fresh, empty profile.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Debian's MiniBrowser, the WebKitGTK browser WebKitWebDriver drives (package webkit2gtk-driver). */
function miniBrowser() {
  if (process.env.WEBKIT_MINIBROWSER) return process.env.WEBKIT_MINIBROWSER;
  for (const dir of readdirSync("/usr/lib")) {
    const path = join("/usr/lib", dir, "webkit2gtk-4.1", "MiniBrowser");
    if (existsSync(path)) return path;
  }
  return null;
}

export const engines = {
  // Needs a display (Xvfb): this MiniBrowser has no headless mode, and with no display the
  // session request hangs. Downloads are not saved anywhere over WebDriver.
  webkit: () => {
    const binary = miniBrowser();
    return {
      browserName: "MiniBrowser",
      ...(binary ? { "webkitgtk:browserOptions": { binary, args: ["--automation"] } } : {}),
    };
  },
  // Downloads are saved in `downloads` without asking, so the journey can read the real file.
  firefox: ({ downloads }) => ({
    browserName: "firefox",
    "moz:firefoxOptions": {
      binary: process.env.FIREFOX || "/usr/bin/firefox-esr",
      args: ["-headless", "--width=1280", "--height=1024"],
      prefs: {
        "browser.download.folderList": 2,
        "browser.download.dir": downloads,
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.helperApps.neverAsk.saveToDisk": "application/json,text/plain,text/calendar",
        "browser.download.start_downloads_in_tmp_dir": false,
      },
    },
  }),
  // Not part of the test command (Playwright covers Chromium), but useful to check the journey
  // itself against the engine the main suite uses.
  chromium: ({ downloads }) => ({
    browserName: "chrome",
    "goog:chromeOptions": {
      binary: "/usr/lib/chromium/chromium",
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1024"],
      prefs: { "download.default_directory": downloads, "download.prompt_for_download": false },
    },
  }),
};

/** Whether the engine saves a real download where the journey can read it (into `downloads`). */
export const savesDownloads = { webkit: false, firefox: true, chromium: true };
