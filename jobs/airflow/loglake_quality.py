"""The data-quality check of a loglake run, on its JSON run report (``loglake etl --report``).

Kept free of Airflow so that it runs anywhere: the DAG (loglake_hourly.py) calls ``check``, and
``python3 loglake_quality.py REPORT.json [MAX_QUARANTINE_RATE]`` checks a report by hand (exit 0:
passed, 1: failed, with the reasons on stderr). The field names are the report's own snake_case
keys, the same names the run publishes to CloudWatch with ``--metrics cloudwatch``.
"""

import json
import sys

COUNTS = (
    "records_read",
    "records_written",
    "records_quarantined",
    "records_filtered_out",
    "duplicates_removed",
)

DEFAULT_MAX_QUARANTINE_RATE = 0.05


class QualityError(Exception):
    """The run's output fails a check; the message says which and by how much."""


def check(report, max_quarantine_rate=DEFAULT_MAX_QUARANTINE_RATE):
    """Checks one run report (a dict); returns the notes worth logging, raises QualityError.

    Fails when a count is missing or negative, when the counts do not add up (every record read
    is written, quarantined, filtered out or a duplicate), or when more than max_quarantine_rate
    of the records read were quarantined. An hour with nothing to read passes (a quiet hour is
    not an error); unreadable files and the run's own warnings are notes, since the next run
    reads those files again.
    """
    missing = [name for name in COUNTS if not isinstance(report.get(name), int)]
    if missing:
        raise QualityError("the run report has no count for " + ", ".join(missing))
    counts = {name: report[name] for name in COUNTS}
    negative = [name for name, value in counts.items() if value < 0]
    if negative:
        raise QualityError("negative counts in the run report: " + ", ".join(negative))
    read = counts["records_read"]
    accounted = read - sum(value for name, value in counts.items() if name != "records_read")
    if accounted != 0:
        raise QualityError(
            "the counts do not add up: records_read %d, but written + quarantined + filtered out"
            " + duplicates = %d" % (read, read - accounted)
        )
    notes = []
    if read == 0:
        notes.append("the run read no record")
    else:
        rate = counts["records_quarantined"] / read
        if rate > max_quarantine_rate:
            raise QualityError(
                "quarantine rate %.2f%% (%d of %d records) is above the limit %.2f%%; the bad"
                " records and their reasons are in %s"
                % (
                    100 * rate,
                    counts["records_quarantined"],
                    read,
                    100 * max_quarantine_rate,
                    report.get("quarantine_path"),
                )
            )
        notes.append("quarantine rate %.2f%% of %d records" % (100 * rate, read))
    unreadable = report.get("unreadable_files") or []
    if unreadable:
        notes.append("%d unreadable files (read again by the next run)" % len(unreadable))
    notes.extend("run warning: " + warning for warning in report.get("warnings") or [])
    return notes


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: loglake_quality.py REPORT.json [MAX_QUARANTINE_RATE]", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    limit = float(argv[2]) if len(argv) == 3 else DEFAULT_MAX_QUARANTINE_RATE
    try:
        notes = check(report, limit)
    except QualityError as e:
        print("data quality check failed: %s" % e, file=sys.stderr)
        return 1
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
