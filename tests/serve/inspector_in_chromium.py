#!/usr/bin/python3
"""The hiresim serve inspector, driven in headless Chromium as a person would.
(Debian's python3, which python3-selenium installs into: hence /usr/bin.)

Starts `hiresim serve`, opens the inspector and clicks through the help
article: connect, consent, enable and verify the webhook, finish; create,
send and sign an offer; hire. The pending hire and both emails must appear
without a reload. It opens timeline entries to their request and answer
bodies (the token exchange's secrets masked) and the pending hire to why each
field has its value. Then it opens an email's review link (the fake Justworks'
page), invites the candidate, exports the scenario, replays it with
`hiresim run`, and stops the server with SIGINT. Screenshots go to OUT_DIR.

usage: inspector_in_chromium.py HIRESIM SOURCE_DIR OUT_DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

hiresim, src, out = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "downloads"))
step_names = []


def fail(why):
    print(f"inspector test: {why}", file=sys.stderr)
    sys.exit(1)


def step(name):
    step_names.append(name)
    print(f"- {name}", flush=True)


server = subprocess.Popen([hiresim, "serve", "--world", "acme", "--port", "0", "--seed", "7"],
                          cwd=src, stdout=subprocess.PIPE, stderr=open(os.path.join(out, "serve.log"), "w"),
                          text=True)
url = server.stdout.readline().strip()
if not url.startswith("http://127.0.0.1:") or not url.endswith("/"):
    fail(f"the first line hiresim serve printed is not the inspector's URL: {url!r}")
banner = [server.stdout.readline().strip() for _ in range(3)]
if not all("http://127.0.0.1:" in line for line in banner):
    fail(f"expected the fakes' and the core's URLs, got {banner}")

options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
# As root Chromium needs --no-sandbox; the rest keeps it off the network.
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--window-size=1500,1300", f"--user-data-dir={out}/profile"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                          options=options)
driver.execute_cdp_cmd("Page.setDownloadBehavior",
                       {"behavior": "allow", "downloadPath": os.path.join(out, "downloads")})
# The panes are redrawn as events arrive: an element found a moment ago may
# be gone, so waits look again, and actions on elements are retried.
wait = WebDriverWait(driver, 20, ignored_exceptions=[StaleElementReferenceException])


def retry(action):
    for _ in range(10):
        try:
            return action()
        except StaleElementReferenceException:
            time.sleep(0.05)
    return action()


def text_of(element_id):
    return driver.execute_script(f"return document.getElementById('{element_id}').innerText")
shot = 0


def screenshot(name):
    global shot
    shot += 1
    driver.save_screenshot(os.path.join(out, f"{shot:02d}-{name}.png"))


def click(element_id):
    driver.find_element(By.ID, element_id).click()


def answer_ok(what):
    """Waits for the last action's answer and requires it to have passed."""
    wait.until(lambda d: d.find_element(By.ID, "answer").text not in ("", "…"))
    if "passed" not in driver.execute_script("return document.getElementById('answer').className"):
        screenshot("failed")
        fail(f"{what}: the inspector shows a failure:\n{text_of('answer')}")


def open_entry(summary):
    """Clicks the timeline entry whose line holds `summary`."""
    wait.until(lambda d: any(summary in r.text for r in d.find_elements(By.CSS_SELECTOR, "#timeline .ev")))
    retry(lambda: next(r for r in driver.find_elements(By.CSS_SELECTOR, "#timeline .ev")
                       if summary in r.text).click())
    wait.until(lambda d: summary in text_of("event-detail"))


def body_shown(css_class):
    """The text of the opened entry's request-body or response-body."""
    try:
        return wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f"#event-detail pre.{css_class}")).text
    except TimeoutException:
        screenshot("failed")
        fail(f"the opened entry shows no {css_class}: {text_of('event-detail')}")


def press(element_id, what):
    driver.execute_script("document.getElementById('answer').textContent = ''")
    click(element_id)
    answer_ok(what)


try:
    driver.get(url)
    # A marker that a reload would wipe: everything below must happen live.
    driver.execute_script("window.__no_reload = 'still here'")
    wait.until(lambda d: len(Select(d.find_element(By.ID, "jw-admin")).options) > 0)
    wait.until(lambda d: len(Select(d.find_element(By.ID, "opportunity")).options) > 0)
    Select(driver.find_element(By.ID, "jw-admin")).select_by_value("dana@acme.example")
    Select(driver.find_element(By.ID, "lever-user")).select_by_value("sam@acme.example")

    step("connect: setup, consent, webhook on and verified, finish")
    for button in ["btn-connect", "btn-consent", "btn-webhook-enable", "btn-webhook-verify", "btn-finish"]:
        press(button, button)
    wait.until(lambda d: d.find_element(By.ID, "integration-status").text == "connected")

    step("offer: create, send outside Lever, mark signed; hire")
    Select(driver.find_element(By.ID, "opportunity")).select_by_value("opp-jane")
    for button in ["btn-offer-create", "btn-offer-send", "btn-offer-sign", "btn-hire"]:
        press(button, button)

    step("the pending hire and both emails appear without a reload")
    wait.until(lambda d: "Jane" in d.find_element(By.ID, "pending-hires").text)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mailbox li[data-i]")) == 2)
    if driver.execute_script("return window.__no_reload") != "still here":
        fail("the page reloaded")
    mail = text_of("mailbox")
    for who in ["dana@acme.example", "priya@acme.example"]:
        if who not in mail:
            fail(f"the mailbox lacks the email to {who}: {mail}")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#timeline .ev")) > 10)
    timeline = text_of("timeline")
    for seen in ["POST /internal/v1/pending_hires", "POST /webhooks/lever/", "lever.hire"]:
        if seen not in timeline:
            fail(f"the timeline lacks {seen!r}")
    screenshot("hired")

    step("a timeline entry expands to its request and answer, each with its body")
    open_entry("POST /internal/v1/pending_hires")
    sent, answered = body_shown("request-body"), body_shown("response-body")
    if "POST /internal/v1/pending_hires" not in text_of("event-detail") or "201" not in text_of("event-detail"):
        fail(f"the expanded entry lacks its request line and status: {text_of('event-detail')}")
    if '"first_name": "Jane"' not in sent or '"start_date": "2027-01-04"' not in sent:
        fail(f"the request body shown is not the pending hire the core sent: {sent}")
    if '"status": "pending"' not in answered or '"id":' not in answered:
        fail(f"the answer body shown is not the pending hire Justworks created: {answered}")
    screenshot("timeline-entry")

    step("the token exchange's bodies show, its secrets masked")
    driver.execute_script("""const box = document.getElementById('timeline');
                             box.scrollTop = 0; box.dispatchEvent(new Event('scroll'));""")
    open_entry("POST /oauth/token")
    sent, answered = body_shown("request-body"), body_shown("response-body")
    if "grant_type=authorization_code" not in sent or "code=[redacted]" not in sent:
        fail(f"the token request's form is not shown masked: {sent}")
    if '"access_token": "[redacted]"' not in answered or '"refresh_token": "[redacted]"' not in answered:
        fail(f"the token answer is not shown with its tokens masked: {answered}")

    step("a pending hire opens to why each field has its value")
    if not driver.find_elements(By.CSS_SELECTOR, "#pending-hires .explain summary"):
        fail(f"the pending hire has no explanation to open: {text_of('pending-hires')}")
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#pending-hires .explain summary").click())
    start = wait.until(lambda d: next((r for r in d.find_elements(
        By.CSS_SELECTOR, "#pending-hires .explain tr[data-field='start_date']") if r.is_displayed()), None))
    why = retry(lambda: start.text)
    for seen in ["2027-01-04", "MAP-8", "anticipated_start_date"]:
        if seen not in why:
            fail(f"the start date's explanation lacks {seen!r}: {why}")
    print(f"  start_date: {why}")
    screenshot("pending-hire-explained")

    step("an email opens; its review link works against the fake Justworks")
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#mailbox li[data-i='0']").click())
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#email-view a.review-link"))
    if "A candidate has been hired in Lever!" not in text_of("email-view"):
        fail("the opened email lacks its subject")
    screenshot("email")
    inspector = driver.current_window_handle
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#email-view a.review-link").click())
    wait.until(lambda d: len(d.window_handles) == 2)
    driver.switch_to.window([h for h in driver.window_handles if h != inspector][0])
    wait.until(lambda d: "Jane" in d.find_element(By.TAG_NAME, "body").text)
    if "/review/" not in driver.current_url:
        fail(f"the review link went to {driver.current_url}")
    screenshot("review-page")
    driver.close()
    driver.switch_to.window(inspector)

    step("review a field, then invite, from the pending hire's row")
    retry(lambda: Select(driver.find_element(By.CSS_SELECTOR, "#pending-hires .review-field")).select_by_value("title"))
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#pending-hires .review-value").send_keys("Principal Engineer"))
    driver.execute_script("document.getElementById('answer').textContent = ''")
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#pending-hires button.review").click())
    answer_ok("review")
    wait.until(lambda d: "Principal Engineer" in text_of("pending-hires"))

    driver.execute_script("document.getElementById('answer').textContent = ''")
    retry(lambda: driver.find_element(By.CSS_SELECTOR, "#pending-hires button.invite").click())
    answer_ok("invite")
    wait.until(lambda d: "invited" in d.find_element(By.ID, "pending-hires").text)

    step("a failing expectation shows run's words")
    raw = driver.find_element(By.ID, "raw-step")
    raw.clear()
    raw.send_keys('{"expect.pending_hires": {"count": 2}}')
    driver.execute_script("document.getElementById('answer').textContent = ''")
    click("btn-raw")
    wait.until(lambda d: d.find_element(By.ID, "answer").text not in ("", "…"))
    if "expected: 2" not in text_of("answer"):
        fail("a failing expectation's report is not shown")
    screenshot("invited")

    step("export the scenario, replay it with hiresim run")
    click("export")
    exported = os.path.join(out, "downloads", "hiresim-session.json")
    deadline = time.monotonic() + 20
    while not os.path.exists(exported) and time.monotonic() < deadline:
        time.sleep(0.1)  # the browser writes the download on its own time
    if not os.path.exists(exported):
        fail("the export did not download")
    doc = json.load(open(exported))
    actions = [next(iter(s)) for s in doc["steps"]]
    if not {"justworks.review", "justworks.invite", "lever.hire"} <= set(actions):
        fail(f"the exported steps lack the session's actions: {actions}")
    replay = subprocess.run([hiresim, "run", exported], cwd=src, capture_output=True, text=True)
    print(replay.stdout, end="")
    if replay.returncode != 0:
        fail(f"hiresim run on the export exited {replay.returncode}:\n{replay.stdout}{replay.stderr}")

    step("10,000 more events: the timeline stays windowed and quick")
    import urllib.request
    checks = json.dumps([{"expect.emails": {"count": 2}}] * 10000).encode()
    urllib.request.urlopen(urllib.request.Request(url + "control/steps", data=checks, method="POST",
                                                  headers={"Content-Type": "application/json"}),
                           timeout=60).read()
    wait = WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException])
    wait.until(lambda d: int(text_of("event-count")) >= 10000)
    # Scrolls to the middle and waits for the redraw: its time and the rows drawn.
    ms, rows = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const box = document.getElementById('timeline');
        const start = performance.now();
        box.scrollTop = box.scrollHeight / 2;
        box.dispatchEvent(new Event('scroll'));
        requestAnimationFrame(() => requestAnimationFrame(() =>
            done([performance.now() - start, box.querySelectorAll('.ev').length])));""")
    print(f"  {text_of('event-count')} events: a scroll redraws in {ms:.0f} ms, {rows} rows in the DOM")
    if rows > 200:
        fail(f"{rows} timeline rows in the DOM: the list is not windowed")
    if ms > 1000:
        fail(f"a scroll took {ms:.0f} ms to redraw with 10,000 events")
    screenshot("ten-thousand-events")
finally:
    driver.quit()
    server.send_signal(signal.SIGINT)
    try:
        code = server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        fail("hiresim serve did not stop within 15 s of SIGINT")

if code != 0:
    fail(f"hiresim serve exited {code} after SIGINT")
print(f"inspector test passed: {len(step_names)} steps, screenshots in {out}")
