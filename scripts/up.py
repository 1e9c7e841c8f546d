#!/usr/bin/env python3
"""`make up`: the whole Storycut platform on this machine. Starts the engine
(`storycut serve`) and the edge Worker (`wrangler dev` with local D1, R2, queues and
Durable Objects), applies the migrations, wires the shared secret and the callback URL,
prints the URL to open, and stops both on Ctrl-C. State (database, media, engine jobs,
secrets) is kept in .local/ between runs; delete that folder to start over."""
import argparse
import os
import signal
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))
from stack import TURNSTILE_DUMMY_TOKEN, Platform  # noqa: E402

DEMO_EMAIL = "demo@storycut.local"
DEMO_PASSWORD = "storycut-demo"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("storycut", help="the engine binary")
    ap.add_argument("--port", type=int, default=8788, help="the edge's port (the URL to open)")
    ap.add_argument("--engine-port", type=int, default=8787)
    ap.add_argument("--state", default=os.path.join(ROOT, ".local"), help="folder kept between runs")
    ap.add_argument("--workers", type=int, default=1, help="renders the engine runs at once")
    ap.add_argument("--demo", action="store_true", help=f"create the local-only account {DEMO_EMAIL}")
    args = ap.parse_args()

    platform = Platform(os.path.abspath(args.storycut), engine_workers=args.workers, state_dir=os.path.abspath(args.state),
                        engine_port=args.engine_port, edge_port=args.port)
    stopping = False

    def stop(*_):
        nonlocal stopping
        if stopping:
            return
        stopping = True
        print("\nstopping the edge and the engine…", flush=True)
        platform.stop(keep=True)
        print("stopped; state kept in", platform.dir, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"starting the engine on {platform.engine_url} and the edge on {platform.edge_url} …", flush=True)
    try:
        platform.start()
    except RuntimeError as e:
        print(f"make up: {e}", file=sys.stderr)
        platform.stop(keep=True)
        sys.exit(1)
    if args.demo:
        status, body = platform.api("POST", "/api/auth/register", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD,
                                                                   "turnstile_token": TURNSTILE_DUMMY_TOKEN})
        if status not in (201, 409):
            print(f"make up: cannot create the demo account: {status} {body}", file=sys.stderr)
        else:
            print(f"LOCAL-ONLY demo account: {DEMO_EMAIL} / {DEMO_PASSWORD} (never use it on a deployment)")
    print(f"\nStorycut is running: open {platform.edge_url}\n"
          f"logs: {platform.engine_log} and {platform.edge_log}\nCtrl-C stops both.", flush=True)
    while True:
        for name, proc in (("engine", platform.engine), ("edge", platform.edge)):
            if proc is not None and proc.poll() is not None:
                print(f"make up: the {name} exited ({proc.returncode}); see its log", file=sys.stderr)
                platform.stop(keep=True)
                sys.exit(1)
        time.sleep(1)


if __name__ == "__main__":
    main()
