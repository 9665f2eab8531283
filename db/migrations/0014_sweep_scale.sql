-- Reserved for issue 15 (0014_sweep_scale); replaced by its owner.
select 1;
