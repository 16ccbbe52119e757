"""``medcorridor kpd solve`` on small files of each format."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

KEP_JSON = {
    "data": {
        "1": {"sources": [1], "matches": [{"recipient": 2, "score": 1}]},
        "2": {"sources": [2], "matches": [{"recipient": 1, "score": 1}, {"recipient": 3, "score": 2}]},
        "3": {"sources": [3], "matches": [{"recipient": 2, "score": 1}]},
        "4": {"altruistic": True, "matches": [{"recipient": 3, "score": 1}]},
    }
}

WMD_2022 = """# FILE NAME: 00036-00000099.wmd
# DATA TYPE: wmd
# NUMBER ALTERNATIVES: 4
# NUMBER EDGES: 5
# ALTERNATIVE NAME 1: Pair 1
# ALTERNATIVE NAME 2: Pair 2
# ALTERNATIVE NAME 3: Pair 3
# ALTERNATIVE NAME 4: Altruist 1
1,2,1.0
2,3,1.0
3,1,1.0
4,1,1.0
4,2,1.0
"""

WMD_OLD = "4,4\n1,Pair 1\n2,Pair 2\n3,Pair 3\n4,Pair 4\n0,1,1.0\n1,0,1.0\n2,3,1.0\n3,2,1.0\n"
DAT = (
    "Pair,Patient,Donor,Wife-P?,%Pra,Out-Deg,Altruist\n"
    "1,A,B,0,0.05,1,0\n2,O,A,0,0.05,1,0\n3,A,B,0,0.05,1,0\n4,O,O,0,0.0,1,1\n"
)


def run(*args) -> str:
    out = StringIO()
    call_command("kpd", "solve", *args, "--quiet", stdout=out)
    return out.getvalue()


def test_kep_solver_json(tmp_path):
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(KEP_JSON))
    result = json.loads(run(str(path), "--format", "json"))
    assert {"transplants", "cycles", "chains", "optimal", "seconds"} <= set(result)
    assert result["transplants"] == 3 and result["optimal"] is True
    assert result["pool"] == {"pairs": 3, "altruists": 1, "arcs": 5}


def test_preflib_wmd_2022_with_chain_limit(tmp_path):
    path = tmp_path / "00036-00000099.wmd"
    path.write_text(WMD_2022)
    result = json.loads(run(str(path), "--format", "json", "--max-chain", "3"))
    assert result["transplants"] == 3 and result["pool"]["altruists"] == 1
    limited = json.loads(run(str(path), "--format", "json", "--max-cycle", "2", "--max-chain", "1"))
    assert limited["transplants"] == 1


def test_preflib_old_wmd_with_dat(tmp_path):
    (tmp_path / "p.wmd").write_text(WMD_OLD)
    (tmp_path / "p.dat").write_text(DAT)
    result = json.loads(run(str(tmp_path / "p.dat"), "--format", "json"))
    # vertex 4 is an altruist (.dat): arcs into it are dropped, 3->4 gone; cycle 1-2 and chain 4->3.
    assert result["pool"] == {"pairs": 3, "altruists": 1, "arcs": 3}
    assert result["transplants"] == 3


def test_text_output_and_errors(tmp_path):
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(KEP_JSON))
    assert "transplants: 3" in run(str(path))
    with pytest.raises(CommandError):
        run(str(tmp_path / "missing.wmd"))
    (tmp_path / "x.txt").write_text("")
    with pytest.raises(CommandError):
        run(str(tmp_path / "x.txt"))
