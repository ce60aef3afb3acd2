// What a test page reports, for browsers whose driver cannot read the console (Firefox):
// window.pageErrors. Imported first by each page, so it listens before anything runs.
window.pageErrors = [];
addEventListener("error", (event) => window.pageErrors.push(String(event.message)));
addEventListener("unhandledrejection", (event) => window.pageErrors.push(String(event.reason?.message ?? event.reason)));
