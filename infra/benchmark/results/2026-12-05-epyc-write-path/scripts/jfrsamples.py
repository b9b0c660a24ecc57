"""The execution samples of a JFR recording, as the other scripts here read them."""
import json
import re
import subprocess


def samples(path):
    """Yields (thread name, frames from the leaf down as 'package.Class.method')."""
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample", path],
        capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (values["stackTrace"] or {}).get("frames", [])]
        yield thread, frames


def of_threads(path, thread_regex):
    """Yields the frames of each sample whose thread name matches `thread_regex`."""
    for thread, frames in samples(path):
        if re.search(thread_regex, thread):
            yield frames


def is_startup(thread):
    return thread == "main" or thread.startswith("background-preinit")


def owner(frame, depth):
    """The first `depth` parts of a frame's class name, its package as far as that goes."""
    return ".".join(frame.split(".")[:depth])
