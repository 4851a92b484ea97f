"""facilitator session generation: signing out ends every copy of the session

Revision ID: b3c1d2e4f5a6
Revises: b00666b19582
Create Date: 2026-12-01 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b3c1d2e4f5a6'
down_revision = 'b00666b19582'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('facilitator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('facilitator', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
