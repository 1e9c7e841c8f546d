"""The web app in a real browser against the local platform: starts the engine and the
edge (the same Platform `make up` runs) and drives Chromium with web_ui.mjs (the user's
whole journey) and web_errors.mjs (failures in words; the engine stopped and started on
its request). Screenshots and the downloaded video land in out/test-output/web/."""
import os
import subprocess
import sys

from stack import ROOT, Platform, tail

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT_TIMEOUT_S = 1800


def run_script(name, platform, env):
    """Runs a browser script, doing what it asks for on its "@..." lines."""
    proc = subprocess.Popen(["node", os.path.join(HERE, name)], cwd=HERE, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    actions = {"@stop-engine": platform.kill_engine, "@start-engine": platform.start_engine}
    for line in proc.stdout:
        line = line.rstrip("\n")
        print(line, flush=True)
        if line in actions:
            actions[line]()
            proc.stdin.write("done\n")
            proc.stdin.flush()
    return proc.wait(SCRIPT_TIMEOUT_S) == 0


def main():
    platform = Platform(os.environ.get("STORYCUT_BIN", os.path.join(ROOT, "build", "release", "storycut")), name="web")
    shots = os.path.join(ROOT, "out", "test-output", "web")
    env = dict(os.environ, EDGE_URL=platform.edge_url, SHOTS_DIR=shots)
    ok = False
    try:
        platform.start()
        print(f"platform up: {platform.edge_url}", flush=True)
        ok = run_script("web_ui.mjs", platform, env) and run_script("web_errors.mjs", platform, env)
    finally:
        if not ok:
            print("--- engine log\n" + tail(platform.engine_log) + "\n--- edge log\n" + tail(platform.edge_log))
        platform.stop()
    print(f"screenshots: {shots}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
