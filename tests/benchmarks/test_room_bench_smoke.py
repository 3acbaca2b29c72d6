"""The room benchmark runs and counts every answer exactly once (no timing asserted)."""

from benchmarks.room_bench import run, table


async def test_a_small_flood_is_counted_exactly_once() -> None:
    result = await run(participants=12, waves=2)
    assert result["answers"] == 24 and result["counted exactly once"] is True
    assert "| counted exactly once | True |" in table(result)


async def test_the_serve_figure_measures_real_app_processes() -> None:
    from benchmarks.room_bench import serve_memory

    assert await serve_memory(connections=2) > 5  # whole app processes, not sockets
