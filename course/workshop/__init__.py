"""The workshop: slides, the live-question tally, the countdown, the class view, `course serve`."""
