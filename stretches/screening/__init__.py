"""The safety screening: may this person start this routine, and what happens when they may not.

One subsystem, one module per concern:

- `rule`: the pure decision over a routine's contraindications and the person's answers;
- `owners`: whose screening it is (the account, or this browser session before sign-in);
- `state`: the person's current standing with a routine, and what their answers leave open;
- `rows`: the rows that standing is worked out from (and the open check-in), in one statement;
- `recording`: storing a screening with its answers, and a pain stop;
- `gate`: the precondition of every view that shows a routine's instructions;
- `forms`, `views`, `admin`: the screening form, its pages, and the read-only health-data admin.

The models stay in `stretches.models.screening`, where the migrations expect them.
"""
